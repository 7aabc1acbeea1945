using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Refuses a declared oversize body at once with the error JSON. Kestrel enforces the same limit on bodies
/// without a Content-Length while they are read (surfacing as 413 through the exception handler).
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > WebApp.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return context.Response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.PayloadTooLarge,
                $"The request body is larger than the limit of {WebApp.MaxRequestBodyBytes} bytes."), WireJson.Options);
        }
        return next(context);
    }
}
