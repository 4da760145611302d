"""Sign-in events, from the signals of django.contrib.auth and django-axes (connected in apps.py).

A failed sign-in keeps the username that was typed, never the password.
"""

from audit import Action, write


def signed_in(sender, request, user, **kwargs):
    write(request=request, action=Action.SIGN_IN, actor=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    write(request=request, action=Action.SIGN_IN_FAILED,
          username=str(credentials.get("username") or ""))


def signed_out(sender, request, user, **kwargs):
    write(request=request, action=Action.SIGN_OUT, actor=user)


def locked_out(sender, request, username, **kwargs):
    write(request=request, action=Action.LOCKED_OUT, username=str(username or ""))
