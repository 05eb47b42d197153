"""Does the door take as long for an unknown email, a disabled account and a locked one as for a wrong
password? (It should: each is one reservation, one hash check, one settlement; within 20 %.)

    python benchmarks/unknown_email_timing.py [--rounds 20] [--bcrypt-cost 12] [--json]

Opens a fresh database in a temporary folder with three accounts (one to get wrong passwords, one
disabled, one locked), then signs in `rounds` times each way, interleaved, through SignInService.sign_in
(the count, the hash check, the settlement with its audit entry: everything a real attempt does): an
address of no account (a new one each round, so never locked), a wrong password (the account is unlocked
between rounds, so every attempt is checked), a wrong password for the disabled account (unlocked between
rounds too), and any password for the locked account (its password is not checked: a stand-in hash is).
Prints the mean time of each kind and its ratio to the wrong password's; exits 1 when one differs by
more than 20 %.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

# Run from a checkout without installing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from homelog_desktop.services.workspace import Workspace

PASSWORD = "Correct7horse"
WRONG = "Wrong7password"
TOLERANCE = 0.20
KINDS = ("unknown_email", "wrong_password", "disabled_account", "locked_account")


async def measure(rounds: int, cost: int) -> dict[str, float]:
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory() as folder:
        frozen = datetime.now(UTC)  # the locked account stays locked however long the rounds take
        workspace = await Workspace.open(Path(folder) / "timing.db", bcrypt_cost=cost, now=lambda: frozen)
        try:
            ann = await workspace.accounts.create("ann@example.org", password=PASSWORD)
            dora = await workspace.accounts.create("dora@example.org", password=PASSWORD)
            await workspace.accounts.create("lena@example.org", password=PASSWORD)
            await workspace.roles.disable(dora.id)
            await workspace.sign_in.prepare()  # the stand-in hash, made once, before timing
            for _ in range(5):
                await workspace.sign_in.sign_in("lena@example.org", WRONG)  # locked (on the frozen clock)
            for number in range(rounds):
                attempts = {
                    "unknown_email": (f"nobody{number}@example.org", PASSWORD),
                    "wrong_password": ("ann@example.org", WRONG),
                    "disabled_account": ("dora@example.org", WRONG),
                    "locked_account": ("lena@example.org", PASSWORD),
                }
                for kind, (email, password) in attempts.items():
                    started = time.perf_counter()
                    await workspace.sign_in.sign_in(email, password)
                    timings[kind].append(time.perf_counter() - started)
                for account in (ann, dora):  # keep every attempt a real check, never a lock refusal
                    await workspace.roles.unlock(account.id)
        finally:
            await workspace.close()
    means = {kind: statistics.mean(values) for kind, values in timings.items()}
    result: dict[str, float] = {"rounds": rounds, "bcrypt_cost": cost}
    for kind in KINDS:
        result[f"{kind}_mean_s"] = means[kind]
        result[f"{kind}_ratio"] = means[kind] / means["wrong_password"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--bcrypt-cost", type=int, default=12)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = asyncio.run(measure(args.rounds, args.bcrypt_cost))
    within = all(abs(result[f"{kind}_ratio"] - 1) <= TOLERANCE for kind in KINDS)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"bcrypt cost {args.bcrypt_cost}, {args.rounds} rounds")
        for kind in KINDS:
            print(f"{kind.replace('_', ' '):<17} {result[f'{kind}_mean_s'] * 1000:8.1f} ms mean, "
                  f"ratio {result[f'{kind}_ratio']:6.3f}")
        print(f"all within {TOLERANCE:.0%} of a wrong password: {'yes' if within else 'NO'}")
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
