"""Write the benchmark's results as the tables of docs/PERFORMANCE.md."""

import json

from parameters import LANGUAGES_COMPARED, PAUSE, REPORT, RESULTS

TARGETS = {
    "browse": 100,
    "browse, 1 facet": 100,
    "browse, 2 facets": 100,
    "browse, 3 facets": 100,
    "text query": 150,
    "text query, 2 facets": 150,
    "item page": 30,
}
ORDER = [
    "home",
    "browse",
    "browse, 1 facet",
    "browse, 2 facets",
    "browse, 3 facets",
    "text query",
    "text query, 2 facets",
    "browse, page 200",
    "landing page",
    "item page",
    "API list, 2 facets",
    "feed",
    "CSV export, 5,000 items",
]


def table(result: dict) -> str:
    lines = [
        f"#### {result['count']:,} items",
        "",
        f"`{result['command']}`: {result['users']} clients, {result['workers']} gunicorn "
        f"workers; generating the items took {result['generation_seconds']} s. "
        + (
            f"After {result['warmup_seconds']} s of the same load, not measured, l"
            if result.get("warmup_seconds")
            else "L"
        )
        + f"atency: each client pauses about {result.get('pause', PAUSE)} s between "
        f"requests, for {result['duration_seconds']} s. Capacity: the same clients without pause, "
        f"for {result['duration_seconds'] // 2} s. The CSV export is measured alone, "
        "one client after another for 30 s.",
        "",
        "| request | p50 ms | p95 ms | p99 ms | target p95 | req/s without pause | "
        "p95 ms without pause | CPU ms in-process | SQL queries | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    requests = result["requests"]
    failures = sum(row.get("failures", 0) for row in requests.values())
    for name in ORDER:
        if name not in requests or "p50_ms" not in requests[name]:
            continue
        row = requests[name]
        target = f"≤ {TARGETS[name]}" if name in TARGETS else ""
        capacity_rps = row.get("capacity_rps")
        capacity_p95 = row.get("capacity_p95_ms")
        lines.append(
            f"| {name} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | "
            f"{target} | {'' if capacity_rps is None else f'{capacity_rps:.1f}'} | "
            f"{'' if capacity_p95 is None else f'{capacity_p95:.0f}'} | "
            f"{row.get('cpu_ms', '')} | "
            f"{row.get('queries', '')} | {row.get('bytes', row['mean_bytes']):,} |"
        )
    total_capacity = sum(row.get("capacity_rps") or 0 for row in requests.values())
    export = result["export_all"]
    cold = result.get("cold") or {}
    lines += [
        "",
        f"- Failed requests: {failures}. Throughput without pause, all page types together: "
        f"{total_capacity:.0f} requests per second.",
        f"- After a bulk or taxonomy change, each worker reads its facet index whole once: "
        f"{cold.get('index_rebuild_ms')} ms; "
        + (
            f"an edit of one item is patched in, in {cold['index_patch_ms']} ms; "
            if cold.get("index_patch_ms") is not None
            else ""
        )
        + f"a text query not seen since a change takes "
        f'{cold.get("first_text_query_ms")} ms ("trafficking", which matches most items).',
        f"- Peak memory of a gunicorn worker: {result['worker_peak_rss_mb']} MB.",
        f"- Streamed CSV export of every published item: {export['megabytes']} MB in "
        f"{export['seconds']} s; the worker's memory grew by {export['worker_growth_mb']} MB.",
    ]
    lines += languages_compared(requests)
    if result.get("concurrent_exports"):
        lines += ["", concurrent_exports_table(result["concurrent_exports"])]
    return "\n".join(lines)


def languages_compared(requests: dict) -> list[str]:
    """Set the in-process CPU of pages in other languages beside the same pages in English."""
    parts = []
    for page in ("browse", "item page"):
        english = requests.get(page, {}).get("cpu_ms")
        for name in LANGUAGES_COMPARED.values():
            other = requests.get(f"{page}, {name}", {}).get("cpu_ms")
            if english and other:
                parts.append(f"{page} in {name} {other} ms ({other / english:.2f}× English)")
    if not parts:
        return []
    return [f"- The same pages in other languages, CPU ms in-process: {'; '.join(parts)}."]


def concurrent_exports_table(phase: dict) -> str:
    """Set the p95 of page views during the concurrent exports beside the latency run's."""
    lines = [
        f"Concurrent exports: {phase['clients']} clients download the export of every "
        f"published item ({phase['megabytes']} MB) over and over, each reading at "
        f"{phase.get('client_rate_mb_s', 'full')} MB/s and waiting as `Retry-After` says after a "
        f"503, beside the clients of the latency run (after the same warm-up as that run, "
        f"since the writes before changed the catalogue): {phase['completed']} downloads completed "
        f"(median "
        f"{phase['median_seconds']} s), {phase['refused_503']} refused with 503 (at most "
        f"`EXPORTS_AT_ONCE` per worker), {phase['failed']} failed.",
        "",
        "| request | p95 ms idle | p95 ms during exports | ratio (target for browse pages ≤ 2) |",
        "|---|---:|---:|---:|",
    ]
    requests = phase["requests"]
    for name in ORDER:
        if name not in requests or requests[name]["idle_p95_ms"] is None:
            continue
        row = requests[name]
        lines.append(
            f"| {name} | {row['idle_p95_ms']:.0f} | {row['p95_ms']:.0f} | {row['ratio']:.2f} |"
        )
    return "\n".join(lines)


def while_writing(result: dict) -> str:
    """Compare each request type's p95 with writes going on to its p95 in the latency run."""
    writes = result.get("writes")
    if not writes:
        return ""
    lines = [
        f"While writing ({writes['decisions']} publications or unpublications, one a second, "
        f"and {writes['drafts']} draft saves, two a second, during the same latency run):",
        "",
        "| request | p95 ms idle | p95 ms with writes | ratio (target ≤ 1.5) |",
        "|---|---:|---:|---:|",
    ]
    for name in ORDER:
        row = result["requests"].get(name, {})
        if row.get("writes_p95_ms") and row.get("p95_ms"):
            lines.append(
                f"| {name} | {row['p95_ms']:.0f} | {row['writes_p95_ms']:.0f} | "
                f"{row['writes_p95_ms'] / row['p95_ms']:.2f} |"
            )
    return "\n".join(lines)


def scaling(results: dict[int, dict]) -> str:
    if 10_000 not in results or 100_000 not in results:
        return "Run `make bench N=10000` and `make bench` to compare the two sizes."
    small, large = results[10_000]["requests"], results[100_000]["requests"]
    lines = [
        "| request | p95 at 10,000 | p95 at 100,000 | ratio (target ≤ 2) |",
        "|---|---:|---:|---:|",
    ]
    for name in ORDER:
        if name in small and name in large and small[name]["p95_ms"]:
            ratio = large[name]["p95_ms"] / small[name]["p95_ms"]
            lines.append(
                f"| {name} | {small[name]['p95_ms']:.0f} | "
                f"{large[name]['p95_ms']:.0f} | {ratio:.2f} |"
            )
    return "\n".join(lines)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_report() -> None:
    results = {
        int(path.stem): json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))
    }
    if not results:
        return
    any_result = next(iter(results.values()))
    described = any_result["machine"]
    body = [
        START,
        "",
        f"Machine: {described['cpu']}, {described['cores']} cores, "
        f"{described['memory_gb']} GiB; PostgreSQL {described['postgresql']} on the same "
        f"machine; Python {described['python']}, Django {described['django']}.",
        "",
    ]
    for count in sorted(results):
        body += [table(results[count]), ""]
        if writing := while_writing(results[count]):
            body += [writing, ""]
    body += ["#### Scaling from 10,000 to 100,000 items", "", scaling(results), ""]
    largest = results[max(results)]
    for slowest in (largest.get("slowest_query"), (largest.get("cold") or {}).get("slowest")):
        if slowest:
            body += [
                f"#### Slowest query at {max(results):,} items ({slowest['request']})",
                "",
                "```sql",
                slowest["sql"],
                "```",
                "",
                "```",
                slowest["plan"],
                "```",
                "",
            ]
    body.append(END)
    text = REPORT.read_text() if REPORT.exists() else f"# Performance\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    REPORT.write_text(before + "\n".join(body) + after)
