using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Glance.Tests")]
