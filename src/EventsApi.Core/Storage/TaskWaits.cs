using System.Runtime.ExceptionServices;

namespace EventsApi.Core.Storage;

/// <summary>How the writer waits for the work it runs beside its connection (the events' making, the search index's side build, the bitmaps' reading).</summary>
internal static class TaskWaits
{
    /// <summary>Waits for the task; its exception (a parallel loop's: the first of its threads') rethrown as it was thrown, not wrapped.</summary>
    public static void Awaited(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
        }
    }

    public static T Awaited<T>(Task<T> task)
    {
        Awaited((Task)task);
        return task.Result;
    }

    /// <summary>
    /// Waits for the task to end, failed or not, without its exception: when the caller is already
    /// failing, so that the task is not left reading or writing a file the caller is about to delete.
    /// </summary>
    public static void Ended(Task task) => ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
}
