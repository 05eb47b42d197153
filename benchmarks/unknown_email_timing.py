"""Does an unknown email take as long as a wrong password? (It should: within 20 %.)

    python benchmarks/unknown_email_timing.py [--rounds 20] [--bcrypt-cost 12] [--json]

Opens a fresh database in a temporary folder, creates one account, then signs in `rounds` times with
an unknown email and `rounds` times with the account's email and a wrong password, interleaved, through
SignInService.sign_in (the hash check, the failure count, the audit entry: everything a real attempt
does). The account is unlocked between rounds so that every wrong password is checked. Prints the mean
time of each kind and their ratio; exits 1 when they differ by more than 20 %.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run from a checkout without installing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from homelog_desktop.services.workspace import Workspace

PASSWORD = "Correct7horse"
WRONG = "Wrong7password"
TOLERANCE = 0.20


async def measure(rounds: int, cost: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        workspace = await Workspace.open(Path(folder) / "timing.db", bcrypt_cost=cost)
        try:
            account = await workspace.accounts.create("ann@example.org", password=PASSWORD)
            await workspace.sign_in.prepare()  # the dummy hash, made once, before timing
            unknown: list[float] = []
            wrong: list[float] = []
            for number in range(rounds):
                started = time.perf_counter()
                await workspace.sign_in.sign_in(f"nobody{number}@example.org", PASSWORD)
                unknown.append(time.perf_counter() - started)
                started = time.perf_counter()
                await workspace.sign_in.sign_in("ann@example.org", WRONG)
                wrong.append(time.perf_counter() - started)
                await workspace.roles.unlock(account.id)  # keep every attempt a real check, never a lock refusal
        finally:
            await workspace.close()
    mean_unknown, mean_wrong = statistics.mean(unknown), statistics.mean(wrong)
    return {
        "rounds": rounds,
        "bcrypt_cost": cost,
        "unknown_email_mean_s": mean_unknown,
        "wrong_password_mean_s": mean_wrong,
        "ratio": mean_unknown / mean_wrong,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--bcrypt-cost", type=int, default=12)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = asyncio.run(measure(args.rounds, args.bcrypt_cost))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"bcrypt cost {args.bcrypt_cost}, {args.rounds} rounds")
        print(f"unknown email:  {result['unknown_email_mean_s'] * 1000:8.1f} ms mean")
        print(f"wrong password: {result['wrong_password_mean_s'] * 1000:8.1f} ms mean")
        print(f"ratio:          {result['ratio']:8.3f} (within {TOLERANCE:.0%}: "
              f"{'yes' if abs(result['ratio'] - 1) <= TOLERANCE else 'NO'})")
    return 0 if abs(result["ratio"] - 1) <= TOLERANCE else 1


if __name__ == "__main__":
    raise SystemExit(main())
