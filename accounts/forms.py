from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import BootstrapMixin


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class ProfileForm(BootstrapMixin, forms.ModelForm):
    """Name and language only: institutions come from verified affiliations, never from the person's own choice."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["preferred_language"]
        # Translators: the empty choice of "Preferred language" on the profile page.
        field.choices = [("", _("Follow my browser")), *list(field.choices)[1:]]
