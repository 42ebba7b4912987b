// What applications do with Cloudflare's official TypeScript SDK, run against a server given
// by the environment (flarekit's fake, in flarekit's tests): a dynamic-DNS update, an ACME
// DNS-01 TXT record created and deleted, a binary KV value written and read back, and a Worker
// uploaded. The same steps as ../python_sdk.py; the same environment. Prints one JSON object of
// what each step saw; exits non-zero on an error.

import Cloudflare, { toFile } from 'cloudflare';

const env = process.env;
const [zone, account, namespace] = [env.FLAREKIT_ZONE_ID, env.FLAREKIT_ACCOUNT_ID, env.FLAREKIT_NAMESPACE_ID];
const cf = new Cloudflare({ apiToken: env.FLAREKIT_TOKEN, baseURL: env.FLAREKIT_BASE_URL, maxRetries: 0 });
const HOST = 'home.example.com';
const WORKER = "export default { async fetch(request) { return new Response('hello') } }";

// Points HOST at address: edits its A record, creates one, or leaves it be.
async function point(address) {
  const records = [];
  for await (const record of cf.dns.records.list({ zone_id: zone, type: 'A', name: { exact: HOST } })) {
    records.push(record);
  }
  if (records.length > 0 && records[0].content === address) return 'left';
  if (records.length > 0) {
    await cf.dns.records.edit(records[0].id, { zone_id: zone, type: 'A', name: HOST, content: address, ttl: 1 });
    return 'edited';
  }
  await cf.dns.records.create({ zone_id: zone, type: 'A', name: HOST, content: address, ttl: 1 });
  return 'created';
}

const seen = { point: [await point('198.51.100.7'), await point('203.0.113.9'), await point('203.0.113.9')] };

const challenge = await cf.dns.records.create({
  zone_id: zone, type: 'TXT', name: '_acme-challenge.example.com', content: '"gfj9Xq"', ttl: 60,
});
seen.acme = { name: challenge.name, ttl: challenge.ttl };
await cf.dns.records.delete(challenge.id, { zone_id: zone });

const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
// The metadata as JSON text: 7.3.0 would flatten an object into `metadata[sha]` parts, which
// Cloudflare does not read as the metadata (the same cause as cloudflare-typescript#2799).
await cf.kv.namespaces.values.update('build/42/app.wasm', {
  account_id: account, namespace_id: namespace, value: await toFile(data, 'app.wasm'),
  metadata: JSON.stringify({ sha: '9f2c' }),
});
const got = await cf.kv.namespaces.values.get('build/42/app.wasm', { account_id: account, namespace_id: namespace });
seen.kv_same_bytes = Buffer.from(await got.arrayBuffer()).equals(data);

// As documented, 7.3.0 sends the form labelled `application/javascript`, `metadata` flattened
// into `metadata[main_module]` parts: Cloudflare refuses it (cloudflare-typescript#2799), and so
// does the fake.
const metadata = { main_module: 'worker.js', compatibility_date: '2024-08-01' };
const worker = () => toFile(Buffer.from(WORKER), 'worker.js', { type: 'application/javascript+module' });
try {
  await cf.workers.scripts.update('hello', { account_id: account, metadata, files: [await worker()] });
  seen.worker_as_documented = 'accepted';
} catch (e) {
  seen.worker_as_documented = e.status;
}
// The workaround: the metadata as one JSON part, and the form's own content type.
const script = await cf.workers.scripts.update(
  'hello',
  { account_id: account, metadata: JSON.stringify(metadata), files: [await worker()] },
  { headers: { 'Content-Type': null } },
);
seen.worker = { id: script.id, handlers: script.handlers };
console.log(JSON.stringify(seen));
