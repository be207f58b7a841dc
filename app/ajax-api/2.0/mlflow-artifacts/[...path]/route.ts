export { GET, HEAD, PUT, POST, DELETE, PATCH } from "@/app/api/2.0/mlflow-artifacts/[...path]/route";
