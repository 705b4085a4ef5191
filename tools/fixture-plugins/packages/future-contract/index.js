// Built for a plugin contract this hub does not support: refused before any of it runs.
throw new Error('must never be loaded');
