"""Load test of the HTTP service: start it on loopback, send a bounded number of requests, stop.

Prints requests a second, p50 and p99 latency and errors for POST /v1/evaluate from concurrent clients,
and the same evaluations done in process in the same run as the reference (the ratio shows what HTTP,
JSON and the server add).

    python benchmarks/http_load.py [--requests 400] [--clients 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import running_server  # noqa: E402

from eligibility.api import evaluate, rules, to_data  # noqa: E402
from eligibility.documents import read_document  # noqa: E402
from eligibility.profile.load import profile_from_data  # noqa: E402
from eligibility.server.app import create_app  # noqa: E402


def main() -> None:
    """Run the load test and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests in all (bounded)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    args = parser.parse_args()
    total = max(1, min(args.requests, 10_000))
    profiles = [read_document(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    bodies = [json.dumps({"profile": p, "as_of": "2026-03-01"}, default=str).encode() for p in profiles]

    library = rules()
    started = time.perf_counter()
    for i in range(total):
        to_data(evaluate(profile_from_data(profiles[i % len(profiles)]), "2026-03-01", library=library))
    in_process = time.perf_counter() - started

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client(port: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/v1/evaluate", bodies[i % len(bodies)], {"content-type": "application/json"})
                answer = conn.getresponse()
                answer.read()
                ok = answer.status == 200
            except OSError as exc:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    errors.append(str(exc))
            with lock:
                latencies.append(time.perf_counter() - t0)
                if not ok and len(errors) < total:
                    errors.append("status")
        conn.close()

    with running_server(create_app(library)) as url:
        port = int(url.rsplit(":", 1)[1])
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(port,)) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started

    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    rate, reference = total / elapsed, total / in_process
    print(f"POST /v1/evaluate, {total} requests from {args.clients} clients on loopback")
    print(f"  requests/s           {rate:8.1f}")
    print(f"  latency p50          {p50:8.1f} ms")
    print(f"  latency p99          {p99:8.1f} ms")
    print(f"  errors               {len(errors):8d}")
    print(f"  in-process reference {reference:8.1f} evaluations/s (same profiles, with to_data)")
    print(f"  ratio HTTP / in-process  {rate / reference:.2f}")


if __name__ == "__main__":
    main()
