"""Who may read /metrics: anyone, or with ECHO_METRICS_TOKEN set, only its bearer."""

import hmac

from pydantic import SecretStr


def may_read_metrics(expected: SecretStr | None, authorization: str | None) -> bool:
    if expected is None:
        return True
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    # Constant time, so the answer's timing does not reveal how much of a guess was right.
    return hmac.compare_digest(presented.strip().encode(), expected.get_secret_value().encode())
