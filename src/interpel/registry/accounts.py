"""Staff accounts: created from the CLI; the admin is for superusers only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from interpel.errors import InvalidData


def create_user(
    username: str, password: str, *, email: str = "", superuser: bool = False
) -> AbstractBaseUser:
    """Create a staff account; refuses weak passwords and taken names with a clear message."""
    model = get_user_model()
    if model.objects.filter(username=username).exists():
        raise InvalidData(f"Konto „{username}” już istnieje.")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise InvalidData(" ".join(exc.messages)) from None
    if superuser:
        return model.objects.create_superuser(username=username, email=email, password=password)
    return model.objects.create_user(username=username, email=email, password=password, is_staff=True)
