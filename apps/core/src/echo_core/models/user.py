from sqlalchemy import Boolean, String, false
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, IdPrimaryKey, Timestamps


class User(IdPrimaryKey, Timestamps, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # The first account of an instance is its admin; `create-user --admin` makes more.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
