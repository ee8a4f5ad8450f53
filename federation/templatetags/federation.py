from django import template

from federation.selectors import last_choice, sign_in_choices

register = template.Library()


@register.simple_tag(takes_context=True)
def where_are_you_from(context, next_url: str = "") -> dict:
    """The login page's institutions, and the one last chosen on this browser (shown first)."""
    choices = sign_in_choices(next_url=next_url or "")
    return {"choices": choices, "last": last_choice(context["request"], choices)}


@register.simple_tag(takes_context=True)
def my_linked_identities(context) -> list:
    """The signed-in person's institutional identities, for their profile page."""
    from federation.models import LinkedIdentity

    return list(LinkedIdentity.objects.filter(user=context["request"].user).order_by("issuer"))
