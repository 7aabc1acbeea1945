// Runs the official MCP conformance suite's server scenarios against a running TaskManager:
//
//   TASKMANAGER_URL=http://127.0.0.1:8000 TASKMANAGER_API_KEY=tm_... node conformance.mjs [conformance options]
//   e.g. node conformance.mjs --scenario dns-rebinding-protection
//
// The suite (@modelcontextprotocol/conformance, Node 22, fetched by npx) cannot send headers, and every /mcp request
// needs a key. So this script puts a loopback proxy in front of the server that adds X-API-Key to each request and
// passes everything else through unchanged, Host and Origin included, so the dns-rebinding-protection scenario still
// tests the server's own checks. Not part of scripts/test.sh: it downloads the suite and takes minutes.
import { spawn } from 'node:child_process';
import http from 'node:http';

const target = new URL(process.env.TASKMANAGER_URL || process.env.BASE_URL || 'http://127.0.0.1:8000');
const apiKey = process.env.TASKMANAGER_API_KEY || process.env.API_KEY;
if (!apiKey) {
  console.error('set TASKMANAGER_API_KEY to a key from `api-key --user EMAIL --name NAME`');
  process.exit(2);
}

const proxy = http.createServer((incoming, outgoing) => {
  const headers = { ...incoming.headers };
  headers['x-api-key'] ??= apiKey;
  const forwarded = http.request(
    { hostname: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode, answer.headers);
      answer.pipe(outgoing);
    });
  forwarded.on('error', (error) => outgoing.destroy(error));
  incoming.pipe(forwarded);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));

const url = `http://127.0.0.1:${proxy.address().port}/mcp`;
const suite = spawn('npx', ['-y', '-p', 'node@22', '-p', '@modelcontextprotocol/conformance', 'conformance', 'server', '--url', url,
  ...process.argv.slice(2)], { stdio: 'inherit' });
const status = await new Promise((resolve) => suite.on('exit', (code) => resolve(code ?? 1)));
proxy.close();
process.exit(status);
