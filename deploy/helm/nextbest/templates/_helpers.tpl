{{/*
The chart's name, and the prefix of every resource name ("<release>-nextbest" unless overridden),
trimmed to 63 characters: Kubernetes names are DNS labels.
*/}}
{{- define "nextbest.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "nextbest.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "nextbest.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The services, in the order they are rendered. Identity first: it issues the tokens. */}}
{{- define "nextbest.services" -}}
identity profile privacy nba
{{- end }}

{{/*
A service's resource name and in-cluster host: "<fullname>-<service>", e.g. "shop-nextbest-nba".
Call with (dict "root" $ "service" "nba").
*/}}
{{- define "nextbest.serviceName" -}}
{{- printf "%s-%s" (include "nextbest.fullname" .root | trunc 55 | trimSuffix "-") .service }}
{{- end }}

{{/* The in-cluster base URL of a service. */}}
{{- define "nextbest.serviceUrl" -}}
{{- printf "http://%s:8080" (include "nextbest.serviceName" .) }}
{{- end }}

{{/* Labels every resource carries (Helm's and Kubernetes' recommended labels). */}}
{{- define "nextbest.labels" -}}
helm.sh/chart: {{ include "nextbest.chart" .root }}
{{ include "nextbest.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ include "nextbest.name" .root }}
{{- end }}

{{/* The labels that select one service's pods; they never change after install. */}}
{{- define "nextbest.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nextbest.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}-service
{{- end }}

{{- define "nextbest.image" -}}
{{- printf "%s/%s-service:%s" (.root.Values.image.registry | trimSuffix "/") .service (default .root.Chart.AppVersion .root.Values.image.tag) }}
{{- end }}

{{/* The Secret with the platform's own secrets: the one named in values, or the one the chart makes. */}}
{{- define "nextbest.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- printf "%s-secrets" (include "nextbest.fullname" .) }}
{{- end }}
{{- end }}

{{/* Where tokens come from: the configured provider, or this release's identity-service. */}}
{{- define "nextbest.issuer" -}}
{{- default (include "nextbest.serviceUrl" (dict "root" . "service" "identity")) .Values.auth.issuer }}
{{- end }}

{{- define "nextbest.jwksUrl" -}}
{{- default (printf "%s/identity/v1/oauth2/jwks" (include "nextbest.serviceUrl" (dict "root" . "service" "identity"))) .Values.auth.jwksUrl }}
{{- end }}

{{- define "nextbest.tokenUrl" -}}
{{- default (printf "%s/identity/v1/oauth2/token" (include "nextbest.serviceUrl" (dict "root" . "service" "identity"))) .Values.auth.tokenUrl }}
{{- end }}

{{/* A JDBC-style query string for the PostgreSQL SSL mode. */}}
{{- define "nextbest.postgresUrl" -}}
{{- $pg := .root.Values.postgresql }}
{{- printf "%s://%s:%v/%s?sslmode=%s" .scheme $pg.host $pg.port (index $pg.databases .service) $pg.sslMode }}
{{- end }}
