"""Rendering time of member Markdown on adversarial input (issue #15): every input is 20,000
characters, the post limit, and each should render in under 50 ms.

    .venv/bin/python bench/markdown_render.py [--length 20000] [--repeat 5]

The inputs are runs of what makes a Markdown parser scan or nest (unclosed brackets, ``](``,
``![``, ``<`` and unclosed tags, backticks, emphasis marks, quotes, list markers, setext
underlines, tables…), the same runs diluted in plain text to just under the markup budget of
``community.markdown_bounds``, and random mixtures. The tests render them too (with a generous
bound), so a regression is caught without running this.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50
SPECIALS = "[]()!*_`<>\\&#-|~=+.:'\"\n a1"
RUNS = [
    "[", "![", "[](", "[a](", "](", "[a][", "[a]", "]", "(", "*", "_", "**", "*a", "_a ", "*_", "~", ">", "> ",
    ">\n", "<", "<a ", "<a", "</", "<!--", "<?", "<!", "<![CDATA[", "<div>", "<div ", "<a href='", "`", "``a",
    "```\n", "~~~\n", "\\", "&", "&#", "&amp;", "- ", "1. ", "* ", "+ ", "|", "|a\n", "    ", "\t", "\n",
    "=\n", "-\n", "***\n", "# a\n", "<http://", "<a@b", "[[a](b)", "*[", "a  \n", "[a]: b\n", "[a](<",
    "[a](b '", '[a](b "', "[a](b (", "[a](((", "\x02", "\x03", "@a ",
]  # fmt: skip


def repeat(unit: str) -> Callable[[int], str]:
    return lambda length: (unit * (length // len(unit) + 1))[:length]


def growing(make: Callable[[int], str]) -> Callable[[int], str]:
    """Pieces that grow with their number: deeper indentation, longer backtick runs."""

    def build(length: int) -> str:
        pieces, size, number = [], 0, 1
        while size < length:
            pieces.append(make(number))
            size += len(pieces[-1])
            number += 1
        return "".join(pieces)[:length]

    return build


def diluted(unit: str, marks: int = 1400) -> Callable[[int], str]:
    """The unit spread through plain text, so the text stays just under the markup budget."""

    def build(length: int) -> str:
        weight = max(1, sum(ch in "[]<>`*_\\&|" for ch in unit) + 2 * unit.count("\n"))
        step = max(len(unit), length // max(1, marks // weight))
        return ((unit + "x" * (step - len(unit))) * (length // step + 1))[:length]

    return build


def mixture(seed: int, every: int = 1) -> Callable[[int], str]:
    def build(length: int) -> str:
        chance = random.Random(seed)
        return "".join(chance.choice(SPECIALS) if n % every == 0 else "x" for n in range(length))

    return build


def adversarial_inputs(length: int = 20_000) -> dict[str, str]:
    makers: dict[str, Callable[[int], str]] = {f"run {unit!r}": repeat(unit) for unit in RUNS}
    makers |= {f"diluted {unit!r}": diluted(unit) for unit in RUNS}
    makers |= {
        "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
        "brackets then a link": lambda n: "[" * (n - 4) + "](b)",
        "link with open parentheses": lambda n: "[a](" + "(" * (n - 4),
        "backtick runs": growing(lambda k: "`" * k + "a"),
        "nested list lines": growing(lambda k: "    " * k + "- a\n"),
        "nested ordered lines": growing(lambda k: "   " * k + "1. a\n"),
        "nested quote lines": growing(lambda k: "> " * k + "a\n"),
        "quotes in lists": repeat("> - "),
        "lists in quotes": repeat("- > "),
        "table": lambda n: ("|a|b|\n|-|-|\n" + "|x|y|\n" * n)[:n],
        "table of long cells": lambda n: ("|a|b|\n|-|-|\n" + ("|" + "x" * 12 + "|" + "y" * 12 + "|\n") * n)[:n],
        "unclosed fence then text": lambda n: ("```\n" + "a [b] *c* <d>\n" * n)[:n],
    }
    makers |= {f"mixture {seed}": mixture(seed) for seed in range(4)}
    makers |= {f"mixture {seed}, one in seven": mixture(seed, 7) for seed in range(4)}
    return {name: make(length) for name, make in makers.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--length", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path[0] = str(ROOT)  # not bench/, whose modules would shadow the apps
    from community.markdown import render_markdown

    render_markdown("*warm* [up](https://example.org)")
    timings = {}
    for name, text in adversarial_inputs(args.length).items():
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            render_markdown(text)
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = statistics.median(samples)
    for name, ms in sorted(timings.items(), key=lambda item: -item[1]):
        print(f"{ms:8.1f} ms  {name}")
    worst = max(timings, key=timings.get)
    met = "met" if timings[worst] < TARGET_MS else "MISSED"
    print(
        f"{len(timings)} inputs of {args.length} characters, median of {args.repeat}; slowest {timings[worst]:.1f} ms "
        f"({worst}); target {TARGET_MS} ms {met}"
    )


if __name__ == "__main__":
    main()
