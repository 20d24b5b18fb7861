def objective_list(request):
    raise NotImplementedError


def objective_detail(request, code):
    raise NotImplementedError


def principle_detail(request, slug):
    raise NotImplementedError


def region_detail(request, slug):
    raise NotImplementedError


def country_detail(request, iso3):
    raise NotImplementedError


def document_type_detail(request, slug):
    raise NotImplementedError
