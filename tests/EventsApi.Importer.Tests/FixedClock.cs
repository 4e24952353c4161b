using NodaTime;

namespace EventsApi.Importer.Tests;

/// <summary>A clock stopped at one instant: imports in tests do not depend on today.</summary>
public sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
