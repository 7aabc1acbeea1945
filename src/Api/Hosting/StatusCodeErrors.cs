using Microsoft.AspNetCore.Diagnostics;
using TaskManager.Api.Common;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>Gives the bare error statuses the framework produces (unknown route, wrong method, 415...) the error JSON body.</summary>
public static class StatusCodeErrors
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var status = response.StatusCode;
        var message = status switch
        {
            404 => $"Nothing is at {context.HttpContext.Request.Path}.",
            405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
            415 => "Send the body as JSON with Content-Type: application/json.",
            401 => JwtAuthentication.MissingCredentialMessage,
            403 => "You are not allowed to do this.",
            _ => $"The request failed with status {status}.",
        };
        return response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.ForStatus(status), message), WireJson.Options);
    }
}
