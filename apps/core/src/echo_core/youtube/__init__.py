"""Google's OAuth and the YouTube Data API: connecting a channel and the access tokens that
calls to YouTube carry. Below the API: imports no api, services, worker or entry points."""
