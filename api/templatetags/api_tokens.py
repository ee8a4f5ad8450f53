"""The profile page's "API tokens" section, rendered by the api app (accounts imports no domain app)."""

from django import template

from api.forms import TokenForm
from api.models import Token

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def api_tokens_section(context) -> dict:
    user = context["request"].user
    return {
        "api_tokens": list(Token.objects.filter(user=user)),
        "token_form": context.get("token_form") or TokenForm(),
        "csrf_token": context.get("csrf_token"),
    }
