# The local host in a container: the function app's functions served without Core Tools, on port 7071.
# Build: docker build -t billing-functions .   Run: see README "Running the functions" (a storage account is required:
# AzureWebJobsStorage as a connection string, or identity-based settings; the container starts no Azurite).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish functions/Billing.LocalHost -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The invoice renderer's fonts (Latin, and CJK for Chinese invoices).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-droid-fallback \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:7071 \
    DOTNET_ENVIRONMENT=Production
EXPOSE 7071
USER app
ENTRYPOINT ["dotnet", "Billing.LocalHost.dll"]
