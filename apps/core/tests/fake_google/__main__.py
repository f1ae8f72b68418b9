"""`python -m tests.fake_google --port P --redirect-uri URI --client-id ID --client-secret S`"""

from tests.fake_google.server import main

main()
