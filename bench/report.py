#!/usr/bin/env python3
"""Writes bench/run's figures as a Markdown table and an SVG bar chart.

usage: report.py RESULTS_DIR WORK_DIR COMMAND
Reads WORK_DIR/<server>.<scenario>.results (lines "rps p50 p99 startup-ms rss-mb cpu-us", one
per round) and WORK_DIR/<server>.startup (one time to the first answer a line), and writes RESULTS_DIR/results.md and RESULTS_DIR/chart.svg, with the machine, the date
and the command that produced them.
"""
import datetime
import os
import platform
import sys
from statistics import mean, median

SERVERS = [("baseline", "bare endpoint"), ("handwired", "hand-wired in-box"), ("generated", "generated service")]
SCENARIOS = [("get", "GET, allowed origin"), ("preflight", "CORS preflight"), ("limited", "refused: 429"),
             ("denied", "refused: denied-origin write"), ("post", "validated POST with token")]
COLOURS = {"baseline": "#9e9e9e", "handwired": "#f4a259", "generated": "#2a7ab0"}


def read(work, server, scenario):
    path = os.path.join(work, f"{server}.{scenario}.results")
    if not os.path.exists(path):
        return None
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    return [mean(column) for column in zip(*rows)]


def startup(work, server):
    """The median time to the first answer over the run's launches of a server (WORK_DIR/<server>.startup)."""
    return median(float(line) for line in open(os.path.join(work, f"{server}.startup")) if line.strip())


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main(results, work, command):
    os.makedirs(results, exist_ok=True)
    figures = {(s, c): read(work, s, c) for s, _ in SERVERS for c, _ in SCENARIOS}
    bare = figures[("baseline", "get")]
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Measured {stamp} on {machine()}, with `{command}`.", "",
             "| scenario | server | req/s | p50 ms | p99 ms | req/s ÷ bare GET | p99 ÷ bare GET | ours ÷ hand-wired"
             " | server CPU µs per request | CPU ours ÷ hand-wired |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario, label in SCENARIOS:
        for server, name in SERVERS:
            f = figures[(server, scenario)]
            if f is None:
                continue
            hand = figures[("handwired", scenario)]
            ours = server == "generated" and hand
            versus = f"{f[0] / hand[0]:.2f}" if ours else ""
            cpu_versus = f"{f[5] / hand[5]:.2f}" if ours else ""
            lines.append(f"| {label} | {name} | {f[0]:,.0f} | {f[1]:.3f} | {f[2]:.3f} | {f[0] / bare[0]:.2f} | {f[2] / bare[2]:.2f} | {versus}"
                         f" | {f[5]:.1f} | {cpu_versus} |")
    starts = {server: startup(work, server) for server, _ in SERVERS}
    lines += ["", "| server | first answer after launch (ms, median) | ÷ bare | RSS after load (MB) | ÷ bare |", "|---|---:|---:|---:|---:|"]
    for server, name in SERVERS:
        f = figures[(server, "get")]
        lines.append(f"| {name} | {starts[server]:.0f} | {starts[server] / starts['baseline']:.2f} | {f[4]:.1f} | {f[4] / bare[4]:.2f} |")
    open(os.path.join(results, "results.md"), "w").write("\n".join(lines) + "\n")

    # Grouped horizontal bars: requests/s of each scenario as a share of the bare GET.
    rows = [(scenario, label, server, figures[(server, scenario)]) for scenario, label in SCENARIOS
            for server, _ in SERVERS if figures[(server, scenario)] is not None]
    left, bar, gap, width = 230, 16, 10, 460
    top = 50
    height = top + len(rows) * bar + len(SCENARIOS) * (gap + bar) + 20
    scale = width / max(1.0, max(f[0] / bare[0] for *_, f in rows))
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<text x="10" y="20" font-size="14" font-weight="bold">Requests/s as a share of the bare endpoint\'s GET</text>',
           f'<text x="10" y="38" fill="#555">{stamp}, {machine()}</text>']
    y, previous = top, None
    for scenario, label, server, f in rows:
        if scenario != previous:
            y += gap
            svg.append(f'<text x="10" y="{y + bar - 3}" font-weight="bold">{label}</text>')
            y += bar
            previous = scenario
        share = f[0] / bare[0]
        svg.append(f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{dict(SERVERS)[server]}</text>')
        svg.append(f'<rect x="{left}" y="{y}" width="{share * scale:.1f}" height="{bar - 3}" fill="{COLOURS[server]}"/>')
        svg.append(f'<text x="{left + share * scale + 4:.1f}" y="{y + bar - 4}">{share:.2f}</text>')
        y += bar
    svg.append(f'<line x1="{left + scale:.1f}" y1="{top}" x2="{left + scale:.1f}" y2="{y}" stroke="#333" stroke-dasharray="3,3"/>')
    svg.append("</svg>")
    open(os.path.join(results, "chart.svg"), "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
