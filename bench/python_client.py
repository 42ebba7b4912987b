#!/usr/bin/env python3
"""Sequential create calls through Cloudflare's official Python SDK (cloudflare==5.9.0)
against bench_server: the same call, values and server as bench_throughput.

Usage: python_client.py --url URL [--requests 2000] [--rounds 2] [--json PATH]
"""

import argparse
import json
import statistics
import time

import cloudflare
from cloudflare import Cloudflare

ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"


def call(client):
    r = client.email_security.settings.sending_domain_restrictions.create(
        account_id=ACCOUNT,
        domain="example.com",
        exclude=["mail.example.com", "smtp.example.com"],
        comments="Require TLS for example.com",
    )
    assert r is not None and r.domain == "example.com", r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json")
    args = ap.parse_args()
    assert cloudflare.__version__ == "5.9.0", cloudflare.__version__
    # Defaults as shipped (2 retries, 60 s timeout); none of the calls fails, so none retries.
    client = Cloudflare(api_token="bench-token", base_url=args.url)
    for _ in range(200):
        call(client)
    rates, latencies = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in range(args.requests):
            t = time.perf_counter()
            call(client)
            latencies.append(time.perf_counter() - t)
        rates.append(args.requests / (time.perf_counter() - start))
    latencies.sort()
    pick = lambda p: latencies[round((len(latencies) - 1) * p)] * 1e6
    out = {"calls_per_s": statistics.median(rates), "p50_us": pick(0.5), "p99_us": pick(0.99)}
    print(f"python SDK 5.9.0 sequential {out['calls_per_s']:9.0f} calls/s  p50 {out['p50_us']:7.1f} µs  "
          f"p99 {out['p99_us']:7.1f} µs  rounds {[round(r) for r in rates]}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f)


if __name__ == "__main__":
    main()
