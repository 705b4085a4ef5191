// A drop-in whose code fails while loading: the hub must refuse it and keep running.
throw new Error('broken-crm cannot start: missing native driver');
