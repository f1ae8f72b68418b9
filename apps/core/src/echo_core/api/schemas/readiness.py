from typing import Literal

from pydantic import BaseModel, Field

CheckResultSchema = Literal["ok", "unreachable", "timed_out"]


class ReadinessSchema(BaseModel):
    status: Literal["ready", "not_ready"]
    database: CheckResultSchema = Field(description="Whether the database answered")
    storage: CheckResultSchema = Field(description="Whether the storage answered")
