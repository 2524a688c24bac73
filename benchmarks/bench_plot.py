"""Time `referrals plot tree` on synthetic referral forests of 50, 500 and 5,000 people.

    python -m benchmarks.bench_plot                 # 50, 500, 5000
    python -m benchmarks.bench_plot 500 --out /tmp  # also write the PNGs to look at
    python -m benchmarks.bench_plot --html 30000    # the interactive view (network.html)

With ``--html``: the time to build and write the interactive network view of
`referrals plot network --out network.html` (median and max of 3 runs, target ≤ 5 s at
30,000 people) and the file's size, on the synthetic network both ways: people tied among
themselves, and the LinkedIn shape (me tied to everyone).

`synthetic_referral_network` draws referrals between random people, which rarely chain; a
tree needs each referee to be named by someone already in it. So this builds its own
forest: a few dozen of my contacts (tied to me) start chains, and every other person is
named by a random earlier person (a random recursive tree: depth about ln n, a few long
chains, bushy near the top), with 2% named a second time by someone else ("also referred
by"). Outreach, replies and interviews follow the referrals, so every status appears.

Prints, for each size, the median and max of 5 runs of: building the tree figure
(`plot_tree`), building it and rendering the PNG (what the command does after loading), and
the same for the picture of the people around me (`plot_network`).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

from benchmarks import median_and_max, peak_memory
from benchmarks.synthetic import FIELDS
from infoview_graph.models import (
    CareerField,
    Interview,
    NetworkData,
    Organization,
    Outreach,
    Person,
    Referral,
    Target,
    Tie,
)
from infoview_graph.network import ReferralNetwork
from infoview_graph.plotting import figure_bytes, plot_network, plot_tree


def referral_forest(n: int, *, seed: int = 0) -> ReferralNetwork:
    """Return a network of ``n`` persons (me included) whose referrals form a forest."""
    rng = random.Random(seed)
    start = dt.date(2026, 3, 2)
    fields = tuple(CareerField(id=f, name=f.replace("-", " ").title()) for f in FIELDS)
    orgs = tuple(
        Organization(id=f"org-{i}", name=f"Organization {i}", fields=(rng.choice(FIELDS),))
        for i in range(max(5, n // 40))
    )
    ids = [f"p{i}" for i in range(n)]
    persons = [Person(id=ids[0], name="Me Myself", is_self=True, how="self")]
    persons += [
        Person(
            id=pid,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            organization=rng.choice(orgs).id,
            fields=tuple(sorted(set(rng.sample(FIELDS, rng.choice((1, 1, 2)))))),
        )
        for pid in ids[1:]
    ]
    roots = ids[1 : 1 + max(2, min(40, n // 12))]
    ties = tuple(Tie(a=ids[0], b=pid, strength=rng.randint(1, 5)) for pid in roots)
    named_on: dict[str, dt.date] = dict.fromkeys(roots, start)
    referrals: dict[tuple[str, str], Referral] = {}
    for i in range(1 + len(roots), n):
        referrer = ids[rng.randrange(1, i)]
        on = named_on[referrer] + dt.timedelta(days=rng.randint(3, 20))
        named_on[ids[i]] = on
        referrals[(referrer, ids[i])] = Referral(referrer=referrer, referee=ids[i], on=on)
    for _ in range(n // 50):
        referee = ids[rng.randrange(1 + len(roots), n)]
        referrer = ids[rng.randrange(1, n)]
        if referrer != referee and (referrer, referee) not in referrals:
            on = named_on[referee] + dt.timedelta(days=rng.randint(1, 30))
            referrals[(referrer, referee)] = Referral(referrer=referrer, referee=referee, on=on)
    outreach, interviews = [], []
    for pid, on in named_on.items():
        roll = rng.random()
        if roll < 0.5:
            continue
        sent = on + dt.timedelta(days=rng.randint(1, 5))
        replied = sent + dt.timedelta(days=rng.randint(1, 9)) if roll > 0.65 else None
        outreach.append(Outreach(id=f"outreach-{pid}", person=pid, on=sent, replied_on=replied))
        if replied is not None and roll > 0.75:
            interviews.append(
                Interview(id=f"interview-{pid}", person=pid, on=replied + dt.timedelta(days=4))
            )
    data = NetworkData(
        persons=tuple(persons),
        organizations=orgs,
        fields=fields,
        ties=ties,
        referrals=tuple(referrals.values()),
        outreach=tuple(outreach),
        interviews=tuple(interviews),
        targets=(Target(kind="field", id="accounting", priority=1),),
        as_of=max(named_on.values()) + dt.timedelta(days=30),
    )
    return ReferralNetwork(data)


FIRST = ("Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kofi")
LAST = ("Alvarez", "Berg", "Cohen", "Diallo", "Eriksen", "Fujita", "Garcia", "Haddad", "Ito")


def main(n: int, repeat: int = 5, out: Path | None = None) -> None:
    network = referral_forest(n)
    plot_tree(network)  # warm the imports and the font cache
    for name, call in (
        ("tree figure", lambda: plot_tree(network)),
        ("tree + PNG", lambda: figure_bytes(plot_tree(network), "png")),
        # The people around me: at most 40 drawn and named, the rest counted.
        ("network + PNG", lambda: figure_bytes(plot_network(network), "png")),
    ):
        median, worst = median_and_max(call, repeat)
        print(f"{n:>6,} persons: {name:<13} median {median:6.2f} s, max {worst:6.2f} s")
    if out is not None:
        for kind, draw in (("tree", plot_tree), ("network", plot_network)):
            target = out / f"{kind}-{n}.png"
            target.write_bytes(figure_bytes(draw(network), "png"))
            print(f"wrote {target}")


def main_html(n: int, repeat: int = 3, out: Path | None = None) -> None:
    from benchmarks.synthetic import synthetic_referral_network
    from infoview_graph.webview import network_page

    target = (out or Path(tempfile.mkdtemp())) / f"network-{n}.html"
    for personal in (False, True):
        network = synthetic_referral_network(n, personal=personal)
        median, worst = median_and_max(
            lambda network=network: target.write_bytes(network_page(network).encode()), repeat
        )
        shape = "me tied to everyone" if personal else "ties among people"
        print(
            f"{n:>6,} persons ({shape}): network.html median {median:5.2f} s, "
            f"max {worst:5.2f} s, {target.stat().st_size / 1e6:5.1f} MB"
        )
    print(f"wrote {target}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--html" in arguments:
        arguments.remove("--html")
        for size in [int(a) for a in arguments] or [30_000]:
            main_html(size)
        print(peak_memory())
        sys.exit()
    folder = None
    if "--out" in arguments:
        at = arguments.index("--out")
        folder = Path(arguments[at + 1])
        del arguments[at : at + 2]
    for size in [int(a) for a in arguments] or [50, 500, 5_000]:
        main(size, out=folder)
    print(peak_memory())
