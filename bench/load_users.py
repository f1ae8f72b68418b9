"""Simulated creators: each registers, then until the deadline uploads a clip now and then
and otherwise does what the web app does while it waits (lists videos, lists jobs, reads
its latest job), timing every request."""

import asyncio
import itertools
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

# Far above any healthy answer; a request that takes this long counts as an error.
REQUEST_TIMEOUT_SECONDS = 60
PASSWORD = "load-test password 1234"


@dataclass(frozen=True)
class UserPlan:
    users: int
    seconds: float
    uploads_per_user: int
    think_seconds: float
    max_requests: int


@dataclass
class Traffic:
    """What the users did: latencies and errors per endpoint, and the jobs they queued."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    uploaded_job_ids: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def record(self, endpoint: str, started: float, problem: str | None) -> None:
        self.requests += 1
        self.latencies[endpoint].append(time.perf_counter() - started)
        if problem is not None:
            self.errors[endpoint].append(problem)


class _User:
    def __init__(self, client: httpx.AsyncClient, traffic: Traffic, clip: bytes) -> None:
        self._client = client
        self._traffic = traffic
        self._clip = clip
        self._token = ""
        self._latest_job: str | None = None

    async def _call(
        self,
        endpoint: str,
        method: str,
        url: str,
        expected: int,
        json: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> httpx.Response | None:
        """The response when it has the expected status; None (and an error) otherwise."""
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        started = time.perf_counter()
        try:
            response = await self._client.request(
                method, url, headers=headers, json=json, files=files
            )
        except httpx.HTTPError as error:
            self._traffic.record(endpoint, started, f"{type(error).__name__}: {error}")
            return None
        if response.status_code != expected:
            problem = f"{response.status_code}: {response.text[:200]}"
            self._traffic.record(endpoint, started, problem)
            return None
        self._traffic.record(endpoint, started, None)
        return response

    async def register(self) -> bool:
        email = f"load-{uuid.uuid4().hex[:12]}@example.com"
        response = await self._call(
            "POST /api/auth/register",
            "POST",
            "/api/auth/register",
            201,
            json={"email": email, "password": PASSWORD},
        )
        if response is not None:
            self._token = response.json()["access_token"]
        return response is not None

    async def upload(self) -> None:
        response = await self._call(
            "POST /api/videos",
            "POST",
            "/api/videos",
            201,
            files={"file": ("clip.mp4", self._clip, "video/mp4")},
        )
        if response is not None:
            self._latest_job = response.json()["job_id"]
            self._traffic.uploaded_job_ids.append(self._latest_job)

    async def browse(self, step: str) -> None:
        if step == "videos":
            await self._call("GET /api/videos", "GET", "/api/videos?limit=20", 200)
        elif step == "jobs" or self._latest_job is None:
            await self._call(
                "GET /api/video-processing-jobs", "GET", "/api/video-processing-jobs", 200
            )
        else:
            await self._call(
                "GET /api/video-processing-jobs/{id}",
                "GET",
                f"/api/video-processing-jobs/{self._latest_job}",
                200,
            )


STEPS = ("videos", "jobs", "job")


async def measure_alone(
    base_url: str, clip: bytes, uploads: int, samples: int, settle: Callable[[], Awaitable[object]]
) -> Traffic:
    """The baseline: the same requests from one user with nobody else about. It uploads
    first, then `settle` waits for the workers, so the reads are timed on an idle server."""
    traffic = Traffic()
    started = time.monotonic()
    async with httpx.AsyncClient(
        base_url=base_url, trust_env=False, timeout=REQUEST_TIMEOUT_SECONDS
    ) as client:
        user = _User(client, traffic, clip)
        if await user.register():
            for _ in range(uploads):
                await user.upload()
            await settle()
            for step in itertools.islice(itertools.cycle(STEPS), samples * len(STEPS)):
                await user.browse(step)
    traffic.seconds = time.monotonic() - started
    return traffic


async def _run_user(
    index: int, base_url: str, clip: bytes, plan: UserPlan, traffic: Traffic, started: float
) -> None:
    deadline = started + plan.seconds
    # Uploads are spread over the run, and the users' turns over each interval, so the
    # queue fills steadily instead of all at once.
    spacing = plan.seconds / max(plan.uploads_per_user, 1)
    next_upload = started + spacing * index / plan.users
    uploads_left = plan.uploads_per_user
    steps = itertools.cycle(STEPS)
    async with httpx.AsyncClient(
        base_url=base_url, trust_env=False, timeout=REQUEST_TIMEOUT_SECONDS
    ) as client:
        user = _User(client, traffic, clip)
        if not await user.register():
            return
        while time.monotonic() < deadline and traffic.requests < plan.max_requests:
            if uploads_left and time.monotonic() >= next_upload:
                await user.upload()
                uploads_left -= 1
                next_upload += spacing
            else:
                await user.browse(next(steps))
            await asyncio.sleep(plan.think_seconds)


async def drive_users(base_url: str, clip: bytes, plan: UserPlan) -> Traffic:
    traffic = Traffic()
    started = time.monotonic()
    await asyncio.gather(
        *(_run_user(index, base_url, clip, plan, traffic, started) for index in range(plan.users))
    )
    traffic.seconds = time.monotonic() - started
    return traffic
