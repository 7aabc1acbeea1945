import http.client, sys, time, os
pid, token, path, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def cpu():
    f=open(f"/proc/{pid}/stat").read().split(")")[1].split()
    return (int(f[11])+int(f[12]))/os.sysconf("SC_CLK_TCK")
c=http.client.HTTPConnection("127.0.0.1",8000)
h={"Authorization":"Bearer "+token}
for _ in range(300): c.request("GET",path,headers=h); c.getresponse().read()
c0=cpu(); t0=time.time()
for _ in range(n): c.request("GET",path,headers=h); c.getresponse().read()
c1=cpu(); t1=time.time()
print(f"{path}: {n/(t1-t0):.0f} req/s sequential, server CPU {1000*(c1-c0)/n:.3f} ms/request")
