import Evident
print("evident: not yet wired")
