from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from teams.forms import BootstrapMixin
from teams.models import Institution


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class ProfileForm(BootstrapMixin, forms.ModelForm):
    """Name only: institutions come from verified affiliations, never from the person's own choice."""

    class Meta:
        model = User
        fields = ["first_name", "last_name"]


class AffiliationRequestForm(BootstrapMixin, forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.filter(domains__isnull=False).distinct().order_by("name"),
        label=_("Institution"),
        help_text=_("Institutions that have recorded their e-mail domains here."),
    )
    email = forms.EmailField(
        label=_("Your address at that institution"),
        max_length=254,
        help_text=_("We send a confirmation link there; it must be on one of the institution's domains."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
