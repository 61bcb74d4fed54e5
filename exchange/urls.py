from django.urls import path

from exchange import views

urlpatterns = [
    path("requests/", views.index, name="requests"),
    path("requests/new/", views.new, name="request_new"),
    path("requests/demand/", views.demand, name="request_demand"),
    path("requests/offers/", views.offers, name="request_offers"),
    path("requests/offers/<id:offer_id>/withdraw/", views.withdraw_standing_offer, name="request_offer_withdraw"),
    path("requests/<id:pk>/", views.detail, name="request_detail_short"),
    path("requests/<id:pk>/edit/", views.edit, name="request_edit"),
    path("requests/<id:pk>/status/", views.change_status, name="request_status"),
    path("requests/<id:pk>/offer/", views.offer, name="request_offer"),
    path("requests/<id:pk>/offers/<id:offer_id>/", views.decide_offer, name="request_offer_decide"),
    path("requests/<id:pk>/reply/", views.reply, name="request_reply"),
    path("requests/<id:pk>/<slug:slug>/", views.detail, name="request_detail"),
]
