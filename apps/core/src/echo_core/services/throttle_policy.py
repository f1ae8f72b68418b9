"""How many attempts are allowed, how long lockouts last and how long an account waits."""

from dataclasses import dataclass
from datetime import timedelta

from echo_core.config import Settings

# 2**20 lockouts is far past any cap; stops the arithmetic before it overflows timedelta.
_MAX_DOUBLINGS = 20


@dataclass(frozen=True)
class ThrottlePolicy:
    attempts_per_account_and_address: int
    attempts_per_address: int
    account_attempts_before_delay: int
    account_delay: timedelta
    account_max_delay: timedelta
    register_attempts_per_address: int
    window: timedelta
    first_lockout: timedelta
    longest_lockout: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> "ThrottlePolicy":
        return cls(
            attempts_per_account_and_address=settings.login_attempts_per_account_and_address,
            attempts_per_address=settings.login_attempts_per_address,
            account_attempts_before_delay=settings.login_account_attempts_before_delay,
            account_delay=timedelta(seconds=settings.login_account_delay_seconds),
            account_max_delay=timedelta(seconds=settings.login_account_max_delay_seconds),
            register_attempts_per_address=settings.register_attempts_per_address,
            window=timedelta(seconds=settings.login_failure_window_seconds),
            first_lockout=timedelta(seconds=settings.login_lockout_seconds),
            longest_lockout=timedelta(seconds=settings.login_max_lockout_seconds),
        )

    def lockout(self, attempts: int, allowed: int) -> timedelta | None:
        """How long to lock out after `attempts` counted attempts; None while within `allowed`."""
        if attempts < allowed:
            return None
        return min(_doubled(self.first_lockout, attempts - allowed), self.longest_lockout)

    def account_wait(self, attempts: int) -> timedelta:
        """How long an account's `attempts`-th attempt waits before its password is checked:
        nothing within the allowance, then doubling, never longer than the cap."""
        beyond = attempts - self.account_attempts_before_delay
        if beyond <= 0:
            return timedelta(0)
        return min(_doubled(self.account_delay, beyond - 1), self.account_max_delay)


def _doubled(first: timedelta, doublings: int) -> timedelta:
    doubled: timedelta = first * (1 << min(doublings, _MAX_DOUBLINGS))
    return doubled
