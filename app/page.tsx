import { redirect } from "next/navigation";
import { getActiveSession } from "@/server/session";

export default async function HomePage() {
  redirect((await getActiveSession()) ? "/settings" : "/login");
}
