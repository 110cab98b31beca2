#!/usr/bin/env python3
"""Writes bench/run's figures as a Markdown table and an SVG bar chart.

usage: report.py RESULTS_DIR WORK_DIR COMMAND
Reads WORK_DIR/<server>.<scenario>.results (lines "rps p50 p99 startup-ms rss-mb cpu-us", one
per round), WORK_DIR/<server>.<scenario>.paired (lines "cpu-us bare-cpu-us cost-ratio", one per
round, measured side by side with the bare endpoint's GET), WORK_DIR/generated.<scenario>.beside-get
(the same, for a refusal beside the same service's GET) and WORK_DIR/<server>.startup (one
time to the first answer a line), and writes RESULTS_DIR/results.md and RESULTS_DIR/chart.svg,
with the machine, the date and the command that produced them.
"""
import datetime
import os
import platform
import sys
from statistics import mean, median

SERVERS = [("baseline", "bare endpoint"), ("handwired", "hand-wired in-box"), ("generated", "generated service")]
SCENARIOS = [("get", "GET, allowed origin"), ("preflight", "CORS preflight"), ("limited", "refused: 429"),
             ("denied", "refused: denied-origin write"), ("post", "validated POST with token")]
# The bare endpoint answering with the generated service's response headers, measured side by side only.
HEADERS = ("headers", "bare endpoint + our response headers")
COLOURS = {"baseline": "#9e9e9e", "headers": "#cfcfcf", "handwired": "#f4a259", "generated": "#2a7ab0"}


def read(work, server, scenario):
    path = os.path.join(work, f"{server}.{scenario}.results")
    if not os.path.exists(path):
        return None
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    return [mean(column) for column in zip(*rows)]


def capacity(work, server, scenario):
    """The bare GET's CPU per request over this one's, both served at the same time: the median
    of the rounds, and how far apart the rounds are (a share of it). The bare GET is 1 by definition."""
    if (server, scenario) == ("baseline", "get"):
        return 1.0, 0.0
    costs = costs_of(work, f"{server}.{scenario}.paired")
    return costs and middle_and_apart([1 / cost for cost in costs])


def beside_get(work, scenario):
    """A refusal's cost against the same service's GET served at the same time: the median of the
    rounds, how far apart they are (a share of it), and in how many rounds it cost less."""
    costs = costs_of(work, f"generated.{scenario}.beside-get")
    return costs and (*middle_and_apart(costs), sum(cost < 1 for cost in costs), len(costs))


def costs_of(work, name):
    """The cost ratios of a side-by-side file (third column, one round a line), or None without one."""
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    return [float(line.split()[2]) for line in open(path) if line.strip()]


def middle_and_apart(values):
    """The median, and how far apart the values are as a share of it."""
    middle = median(values)
    return middle, (max(values) - min(values)) / middle


def startups(work, server):
    """The times to the first answer of the run's launches of a server (WORK_DIR/<server>.startup), in order."""
    return [float(line) for line in open(os.path.join(work, f"{server}.startup")) if line.strip()]


def startup_ratio(work, server):
    """The median of each round's time to the first answer over the bare endpoint's in the same round."""
    return median(own / bare for own, bare in zip(startups(work, server), startups(work, "baseline")))


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main(results, work, command):
    os.makedirs(results, exist_ok=True)
    figures = {(s, c): read(work, s, c) for s, _ in SERVERS for c, _ in SCENARIOS}
    capacities = {(s, c): capacity(work, s, c) for s, _ in SERVERS + [HEADERS] for c, _ in SCENARIOS}
    bare = figures[("baseline", "get")]
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Measured {stamp} on {machine()}, with `{command}`.", "",
             "| scenario | server | req/s | p50 ms | p99 ms | req/s ÷ bare GET | p99 ÷ bare GET | server CPU µs per request"
             " | capacity ÷ bare GET, side by side | rounds apart | ours ÷ hand-wired, side by side |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario, label in SCENARIOS:
        reference = capacities[(HEADERS[0], scenario)]
        for server, name in SERVERS:
            if server == "handwired" and reference:
                lines.append(f"| {label} | {HEADERS[1]} | | | | | | | {reference[0]:.2f} | {reference[1]:.0%} | |")
            f = figures[(server, scenario)]
            if f is None:
                continue
            share = capacities[(server, scenario)]
            hand = capacities[("handwired", scenario)]
            side = f"{share[0]:.2f} | {share[1]:.0%}" if share else " | "
            versus = f"{share[0] / hand[0]:.2f}" if server == "generated" and share and hand else ""
            lines.append(f"| {label} | {name} | {f[0]:,.0f} | {f[1]:.3f} | {f[2]:.3f} | {f[0] / bare[0]:.2f} | {f[2] / bare[2]:.2f}"
                         f" | {f[5]:.1f} | {side} | {versus} |")
    refusals = [(label, beside_get(work, scenario)) for scenario, label in SCENARIOS if scenario in ("limited", "denied")]
    if all(figures for _, figures in refusals):
        lines += ["", "| generated service | cost ÷ its own GET, side by side | rounds apart | cheaper than its GET in |", "|---|---:|---:|---:|"]
        lines += [f"| {label} | {cost:.3f} | {apart:.0%} | {cheaper} of {rounds} rounds |" for label, (cost, apart, cheaper, rounds) in refusals]
    lines += ["", "| server | first answer after launch (ms, median) | ÷ bare (median of the rounds' ratios) | RSS after load (MB) | ÷ bare |",
              "|---|---:|---:|---:|---:|"]
    for server, name in SERVERS:
        f = figures[(server, "get")]
        lines.append(f"| {name} | {median(startups(work, server)):.0f} | {startup_ratio(work, server):.2f} | {f[4]:.1f} | {f[4] / bare[4]:.2f} |")
    open(os.path.join(results, "results.md"), "w").write("\n".join(lines) + "\n")

    # Grouped horizontal bars: each scenario's capacity as a share of the bare GET's, from the
    # costs measured side by side.
    names = dict(SERVERS + [HEADERS])
    rows = [(scenario, label, server, capacities[(server, scenario)][0]) for scenario, label in SCENARIOS
            for server in ["baseline", HEADERS[0], "handwired", "generated"] if capacities[(server, scenario)] is not None]
    left, bar, gap, width = 260, 16, 10, 460
    top = 66
    height = top + len(rows) * bar + len(SCENARIOS) * (gap + bar) + 20
    scale = width / max(1.0, max(share for *_, share in rows))
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" font-family="sans-serif" font-size="12">',
           '<text x="10" y="20" font-size="14" font-weight="bold">Capacity as a share of the bare endpoint\'s GET</text>',
           '<text x="10" y="38" fill="#555">the bare GET\'s CPU time per request over this one\'s, both served at the same time</text>',
           f'<text x="10" y="54" fill="#555">{stamp}, {machine()}</text>']
    y, previous = top, None
    for scenario, label, server, share in rows:
        if scenario != previous:
            y += gap
            svg.append(f'<text x="10" y="{y + bar - 3}" font-weight="bold">{label}</text>')
            y += bar
            previous = scenario
        svg.append(f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{names[server]}</text>')
        svg.append(f'<rect x="{left}" y="{y}" width="{share * scale:.1f}" height="{bar - 3}" fill="{COLOURS[server]}"/>')
        svg.append(f'<text x="{left + share * scale + 4:.1f}" y="{y + bar - 4}">{share:.2f}</text>')
        y += bar
    svg.append(f'<line x1="{left + scale:.1f}" y1="{top}" x2="{left + scale:.1f}" y2="{y}" stroke="#333" stroke-dasharray="3,3"/>')
    svg.append("</svg>")
    open(os.path.join(results, "chart.svg"), "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
