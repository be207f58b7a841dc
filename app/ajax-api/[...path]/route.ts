export { GET, POST, PATCH, DELETE, PUT } from "@/app/api/[...path]/route";
