// A ticketing system's webhook endpoint: verifies each delivery with the Standard Webhooks library and prints
// one JSON line per attempt. With FAIL_FIRST=1 it answers the first attempt of each message with 503.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const failFirst = process.env.FAIL_FIRST === '1';
const seen = new Set();

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = request.headers['webhook-id'];
    let verified = false;
    let type = null;
    let data = null;
    let error = null;
    try {
      const payload = webhook.verify(body, request.headers);
      verified = true;
      type = payload.type;
      data = payload.data;
    } catch (e) {
      error = String(e);
    }
    const status = failFirst && !seen.has(id) ? 503 : 204;
    seen.add(id);
    console.log(JSON.stringify({ id, verified, type, data, error, answered: status }));
    response.writeHead(status);
    response.end();
  });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});
