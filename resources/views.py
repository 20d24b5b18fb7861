def browse(request):
    raise NotImplementedError


def detail(request, slug):
    raise NotImplementedError
