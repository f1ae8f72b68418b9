from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class CredentialsSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: str = Field(min_length=1, max_length=1024)


class UserSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str | None
    created_at: datetime | None = None
    is_admin: bool = Field(default=False, description="May change the instance's settings")


class TokenResponseSchema(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    user: UserSchema


class HealthSchema(BaseModel):
    status: Literal["ok"]
    database: Literal["sqlite", "postgresql"]
