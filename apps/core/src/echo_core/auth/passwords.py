"""Password hashing (argon2id) and the minimum a password must meet."""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from echo_core.auth.common_passwords import COMMON_PASSWORDS, COMMON_WORDS
from echo_core.errors import InvalidInputError

MIN_PASSWORD_LENGTH = 8
# argon2 hashes whatever it is given; a cap keeps one request from costing seconds.
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHasher()

# Look-alike characters people put in common words ("p@ssw0rd"); "1" stands for i or l.
_LOOK_ALIKES = [
    str.maketrans("@4381!0$57", "aaebiiosst"),
    str.maketrans("@4381!0$57", "aaebliosst"),
]
_DECORATION = re.compile(r"^[^a-z]+|[^a-z]+$")


def check_password_strength(password: str, email: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(
            f"Password must be at least {MIN_PASSWORD_LENGTH} characters long.", "password"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInputError(
            f"Password must be at most {MAX_PASSWORD_LENGTH} characters long.", "password"
        )
    if len(set(password)) < 4:
        raise InvalidInputError(
            "Password is too easy to guess: use more different characters.", "password"
        )
    if is_common_password(password):
        raise InvalidInputError(
            "Password is one of the first that attackers try: choose a less common one.",
            "password",
        )
    folded_password, folded_email = password.casefold(), email.casefold()
    # Either way round: the email inside the password, or the password a piece of the email.
    if folded_email in folded_password or folded_password in folded_email:
        raise InvalidInputError("Password must not contain your email address.", "password")


def is_common_password(password: str) -> bool:
    folded = password.casefold().replace(" ", "")
    if folded in COMMON_PASSWORDS:
        return True
    # A common word with digits or symbols around it, or with look-alikes inside it.
    for look_alikes in _LOOK_ALIKES:
        stripped_first = _DECORATION.sub("", folded).translate(look_alikes)
        swapped_first = _DECORATION.sub("", folded.translate(look_alikes))
        if stripped_first in COMMON_WORDS or swapped_first in COMMON_WORDS:
            return True
    return False


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the email is unknown, so a miss costs as long as a wrong password
# and response times don't reveal which emails have accounts.
DUMMY_PASSWORD_HASH = _hasher.hash("no-such-account-placeholder")
