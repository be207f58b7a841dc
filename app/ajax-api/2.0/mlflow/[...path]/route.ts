export { GET, POST, PATCH, DELETE, PUT } from "@/app/api/2.0/mlflow/[...path]/route";
