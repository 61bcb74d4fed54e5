from community.models.badges import Award, Badge
from community.models.profile import VISIBLE_FIELDS, Profile, ProfileExpertiseTag, Visibility

__all__ = ["VISIBLE_FIELDS", "Award", "Badge", "Profile", "ProfileExpertiseTag", "Visibility"]
