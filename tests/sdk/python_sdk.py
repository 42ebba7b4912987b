"""What applications do with Cloudflare's official Python SDK, run against a server given by
the environment (flarekit's fake, in flarekit's tests): a dynamic-DNS update, an ACME DNS-01 TXT
record created and deleted, a binary KV value written and read back, and a Worker uploaded.

Environment: FLAREKIT_BASE_URL, FLAREKIT_TOKEN, FLAREKIT_ZONE_ID, FLAREKIT_ACCOUNT_ID,
FLAREKIT_NAMESPACE_ID. Prints one JSON object of what each step saw; exits non-zero on an error.
"""

import json
import os

from cloudflare import Cloudflare

env = os.environ
zone, account, namespace = env["FLAREKIT_ZONE_ID"], env["FLAREKIT_ACCOUNT_ID"], env["FLAREKIT_NAMESPACE_ID"]
cf = Cloudflare(api_token=env["FLAREKIT_TOKEN"], base_url=env["FLAREKIT_BASE_URL"], max_retries=0)
HOST = "home.example.com"
WORKER = "export default { async fetch(request) { return new Response('hello') } }"


def point(address):
    """Points HOST at address: edits its A record, creates one, or leaves it be."""
    records = list(cf.dns.records.list(zone_id=zone, type="A", name={"exact": HOST}))
    if records and records[0].content == address:
        return "left"
    if records:
        cf.dns.records.edit(records[0].id, zone_id=zone, type="A", name=HOST, content=address, ttl=1)
        return "edited"
    cf.dns.records.create(zone_id=zone, type="A", name=HOST, content=address, ttl=1)
    return "created"


seen = {"point": [point("198.51.100.7"), point("203.0.113.9"), point("203.0.113.9")]}

challenge = cf.dns.records.create(
    zone_id=zone, type="TXT", name="_acme-challenge.example.com", content='"gfj9Xq"', ttl=60
)
seen["acme"] = {"name": challenge.name, "ttl": challenge.ttl}
cf.dns.records.delete(challenge.id, zone_id=zone)

data = bytes(range(256))
cf.kv.namespaces.values.update(
    "build/42/app.wasm", account_id=account, namespace_id=namespace, value=data, metadata={"sha": "9f2c"}
)
got = cf.kv.namespaces.values.get("build/42/app.wasm", account_id=account, namespace_id=namespace)
seen["kv_same_bytes"] = got.read() == data

script = cf.workers.scripts.update(
    "hello",
    account_id=account,
    metadata={"main_module": "worker.js", "compatibility_date": "2024-08-01"},
    files=[("worker.js", WORKER.encode(), "application/javascript+module")],
)
seen["worker"] = {"id": script.id, "handlers": script.handlers}
print(json.dumps(seen))
