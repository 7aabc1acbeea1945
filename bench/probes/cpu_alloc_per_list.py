"""cpu_alloc_per_list.py PORT PID KIND(rest|mcp) RATE SECONDS — issue 15's A/B probe: fixed-rate REST list or MCP get_tasks
calls (50-row pages of the seeded data set, 8 keep-alive connections) against a running server; prints the server's CPU per
request (/proc, after the first 3 s) and allocated bytes per request (dotnet-counters, median second). Environment:
JWT_SECRET (as the server's), API_KEY (for mcp), DOTNET_COUNTERS (path of the dotnet-counters tool)."""
import base64, hashlib, hmac, http.client, json, os, subprocess, sys, threading, time, csv
port, pid, kind, rate, seconds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
secret = os.environ["JWT_SECRET"]
apikey = os.environ.get("API_KEY", "")
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def user(n): return f"00000000-0000-4000-8000-{n:012x}"
def token(u):
    h = b64(b'{"alg":"HS256","typ":"JWT"}'); p = b64(json.dumps({"user_id": u, "exp": int(time.time()) + 86400}).encode())
    s = b64(hmac.new(secret.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()); return f"{h}.{p}.{s}"
tok = token(user(1))
statuses = ["not_started", "in_progress"]
def req(i):
    u = user(1 + (i * 7919) % 200); st = statuses[i % 2]
    if kind == "rest":
        return "GET", f"/api/tasks?user_id={u}&status={st}&limit=50", None, {"Authorization": "Bearer " + tok}
    body = json.dumps({"jsonrpc": "2.0", "id": i + 1, "method": "tools/call", "params": {"name": "get_tasks", "arguments": {"user_id": u, "status": st, "limit": 50}}})
    return "POST", "/mcp", body, {"X-API-Key": apikey, "Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
def cpu():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split(); return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
alloc_csv = f"/tmp/cpu_alloc_per_list-{port}-{os.getpid()}.csv"
errors = [0]; done = [0]; lock = threading.Lock(); start = time.time() + 0.5; total = int(rate * seconds)
def worker(w, nworkers):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for i in range(w, total, nworkers):
        due = start + i / rate
        d = due - time.time()
        if d > 0: time.sleep(d)
        m, path, body, h = req(i)
        try:
            c.request(m, path, body=body, headers=h); r = c.getresponse(); data = r.read()
            ok = r.status == 200 and b'"isError":true' not in data
        except Exception:
            ok = False; c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        with lock:
            done[0] += 1
            if not ok: errors[0] += 1
counters = subprocess.Popen([os.environ.get("DOTNET_COUNTERS", "dotnet-counters"), "collect", "-p", str(pid), "--counters", "System.Runtime[dotnet.gc.heap.total_allocated]",
    "--format", "csv", "-o", alloc_csv, "--refresh-interval", "1", "--duration", f"00:00:{seconds + 4:02d}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(2)
threads = [threading.Thread(target=worker, args=(w, 8)) for w in range(8)]
c0 = cpu(); start = time.time() + 0.2
for t in threads: t.start()
# CPU over the run after its first 3 s (connections opened, any stragglers of an earlier run done)
time.sleep(3.2); c1 = cpu(); t1 = time.time()
for t in threads: t.join()
c2 = cpu(); t2 = time.time()
counters.wait()
n_window = rate * (t2 - t1)
allocs = []
try:
    for row in csv.reader(open(alloc_csv)):
        if len(row) >= 5 and "total_allocated" in row[2]: allocs.append(float(row[4]))
except FileNotFoundError: pass
if os.path.exists(alloc_csv): os.remove(alloc_csv)
mid = sorted(allocs[3:-1]) if len(allocs) > 5 else sorted(allocs)
alloc_per_req = (mid[len(mid)//2] / rate) if mid else float("nan")
print(f"{kind} @{rate:.0f}/s: {1e6*(c2-c1)/n_window:.0f} us CPU/request, {alloc_per_req/1024:.1f} KB allocated/request (median second), errors {errors[0]}/{total}, behind-schedule end {t2-start-seconds:.1f}s")
