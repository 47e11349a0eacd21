using System.Runtime.CompilerServices;

// The SigV4 signer is checked against AWS's published test vectors without making it public.
[assembly: InternalsVisibleTo("Glance.Tests")]
