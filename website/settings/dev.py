from .base import *  # noqa: F403
from .base import env

DEBUG = True
# A development key only: production refuses to start without SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
