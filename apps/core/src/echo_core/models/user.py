from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from echo_core.models.base import Base, IdPrimaryKey, Timestamps


class User(IdPrimaryKey, Timestamps, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
