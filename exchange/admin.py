from django.contrib import admin

from exchange.models import Exchange, KnowledgeRequest, Offer


@admin.register(KnowledgeRequest)
class KnowledgeRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "is_held", "is_hidden", "requester", "deadline", "opened_at"]
    list_filter = ["status", "is_held", "is_hidden"]
    search_fields = ["title", "challenge"]
    raw_id_fields = ["requester", "reply_by"]
    filter_horizontal = ["countries", "regions", "themes", "sdgs", "modalities"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "request", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["author", "request"]


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ["request", "provider", "requester", "modality", "starts_on", "ends_on"]
    raw_id_fields = ["request", "offer", "requester", "provider"]
