using System.Runtime.InteropServices;

namespace EventsApi.Infrastructure;

/// <summary>
/// SQLite allocates its page caches and statements with the C library's malloc. glibc gives each
/// thread that contends for the heap an arena of its own (up to eight per core), and under a
/// sustained load the thread pool's threads spread those allocations over more and more arenas,
/// each keeping freed memory: the 10-minute soak's RSS grew 9-11% that way. With two arenas it
/// grew 4-6% and stayed flat after the first minutes; throughput in alternating runs moved within
/// the machine's drift (it may cost a few percent). Setting it here, before the first query, means
/// it holds however the server is started; MALLOC_ARENA_MAX in the environment does the same.
/// </summary>
internal static class NativeMemory
{
    private const int ArenaMaxParameter = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void LimitMallocArenas(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            Mallopt(ArenaMaxParameter, arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): its allocator has no per-thread arenas to limit.
        }
    }

    /// <summary>
    /// glibc keeps what is freed inside an arena for the next allocation, and gives back only the
    /// free memory at an arena's top. SQLite's page caches and statements come and go in the middle
    /// (pooled connections are opened and pruned, an export's statement runs and ends): at 1M, 20-32 MB
    /// of the 50-60 MB malloc held were free, a tenth of the server's RSS. <c>malloc_trim</c> returns
    /// the free pages wherever they lie; off the request path, every few seconds, it costs well under
    /// a millisecond a time.
    /// </summary>
    public static void TrimFreedMemoryEvery(TimeSpan period)
    {
        if (!OperatingSystem.IsLinux() || trimming is not null) return;
        trimming = new Timer(_ => Trim(), null, period, period);
    }

    private static Timer? trimming;

    private static void Trim()
    {
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to trim, and no reason to try again.
            trimming?.Dispose();
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
