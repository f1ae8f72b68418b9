from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

# Ten years: long enough for any script, and far from any date type's end.
MAX_API_TOKEN_DAYS = 3650


class ApiTokenCreateSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="What the token is for")
    expires_in_days: int | None = Field(
        default=None,
        ge=1,
        le=MAX_API_TOKEN_DAYS,
        description="Days until the token stops working; none: until it is revoked",
    )


class ApiTokenSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None = Field(description="Accurate to about a minute")


class ApiTokenCreatedSchema(BaseModel):
    id: str
    name: str
    token: str = Field(description="The secret: shown this once, never again")
    created_at: datetime
    expires_at: datetime | None
