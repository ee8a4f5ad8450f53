from django.utils import translation

from core.i18n import prose_list


def test_a_list_in_prose_joins_with_a_translated_last_word():
    with translation.override("en"):
        assert prose_list(["Legal services", "IT services", "Student administration"]) == (
            "Legal services, IT services and Student administration"
        )
        assert prose_list(["Analysis of needs", "Identification of competences"], last="or") == (
            "Analysis of needs or Identification of competences"
        )
        assert prose_list(["Alone"]) == "Alone"
        assert prose_list([]) == ""
